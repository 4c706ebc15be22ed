"""The queue ticket, printed on an 80 mm thermal roll: number, service, time, how many are ahead,
and the QR code of the visit's one-time rating link. No name: it may be left on a chair."""
from __future__ import annotations

from fpdf.enums import XPos, YPos

from app.core.calendar.clock import format_jakarta
from app.core.documents.pdf import DocumentPDF

WIDTH_MM, HEIGHT_MM = 80, 118


class TicketPDF(DocumentPDF):
    """A slip, not a letter: a short heading instead of the letterhead, no page footer."""

    MARGIN_X = 5

    def header(self) -> None:
        self.set_font(self.base_family, "B", 9)
        self.cell(0, 4.5, "BADAN PUSAT STATISTIK", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.base_family, "", 8)
        self.multi_cell(0, 3.8, self.office.name or "", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.multi_cell(0, 3.4, "Pelayanan Statistik Terpadu (PST)", align="C", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)
        self.ln(1)
        self.set_line_width(0.3)
        self.dashed_line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y(), 1, 1)
        self.ln(2)

    def footer(self) -> None:
        pass


def render_ticket(ticket, ahead: int, rating_url: str, service_label: str) -> bytes:
    pdf = TicketPDF(ticket.office, "Nomor Antrian", ticket.number, page_format=(WIDTH_MM, HEIGHT_MM))
    pdf.set_margins(TicketPDF.MARGIN_X, 4, TicketPDF.MARGIN_X)
    pdf.set_auto_page_break(False)
    pdf.set_font(pdf.base_family, "", 9)
    pdf.cell(0, 4.5, "NOMOR ANTRIAN", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.base_family, "B", 34)
    pdf.cell(0, 15, ticket.number, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.base_family, "B", 9.5)
    pdf.multi_cell(0, 4.5, service_label, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.base_family, "", 8.5)
    pdf.cell(0, 4.5, format_jakarta(ticket.created_at, "%d-%m-%Y %H:%M"), align="C", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)
    pdf.cell(0, 4.5, f"Antrian di depan Anda: {ahead}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    size = 34
    pdf.qr(rating_url, (WIDTH_MM - size) / 2, pdf.get_y(), size)
    pdf.set_y(pdf.get_y() + size + 1)
    pdf.set_font(pdf.base_family, "", 7.5)
    pdf.multi_cell(0, 3.4, "Setelah dilayani, pindai kode QR ini untuk menilai layanan kami "
                           "(sekali pakai, tanpa akun).", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.multi_cell(0, 3.4, "Mohon menunggu sampai nomor Anda dipanggil. Terima kasih.", align="C",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.output_bytes()
