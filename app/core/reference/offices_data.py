"""The four offices of the seeds and their published service standards (standar pelayanan).

Pure data, transcribed from the seed documents in ``seeds/`` (000 and 002: BPS Kabupaten
Kendal; 001: BPS Kabupaten Bangka Tengah; 003: BPS RI; 004: BPS Provinsi Jawa Tengah).
Multi-line values hold one item per line, without the seed's numbering and without the
trailing list punctuation (",", "."). Obvious typos of the seeds are fixed; each fix is
listed in the comment next to the value it concerns.
"""
from __future__ import annotations

OFFICES: list[dict] = [
    {
        # Seed 003.
        "code": "0000",
        "name": "Badan Pusat Statistik",
        "level": "national",
        "parent_code": None,
        # Seed: "Gedung 2 Lantai 1. Pelayanan Statistik Terpadu. Badan Pusat Statistik. Jl. Dr. Sutomo 6-8
        # Jakarta 10710 Indonesia 10710" (postal code written twice; office name left to `name`).
        "address": "Gedung 2 Lantai 1, Pelayanan Statistik Terpadu, Jl. Dr. Sutomo 6-8, Jakarta 10710, Indonesia",
        # Seed: "(62-21) 3507057 (direct), Telp (62-21) 3841195, 38" -- the trailing "38" is cut off.
        "phone": "(62-21) 3507057 (direct), (62-21) 3841195",
        "fax": "",
        "email": "bpshq@bps.go.id",
        # Seed header: "pst.bp.go.id"; its requirement 2 writes "pst.bps.go.id".
        "website": "pst.bps.go.id",
        "whatsapp": "",
        # Seed lists https://www.lapor.go.id and https://webapps.bps.go.id/pengaduan; the latter is BPS's own.
        "complaint_website": "https://webapps.bps.go.id/pengaduan",
        "social_media": "",
        "sms": "081119500500",
        "tariff_regulation": "PP 13/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada BPS",
        "sppd_address": (
            "Badan Pusat Statistik\n"
            "Gedung 2 Lantai 1, Pelayanan Statistik Terpadu\n"
            "Jl. Dr. Sutomo 6-8, Jakarta 10710, Indonesia"
        ),
        "head_name": "Kepala Badan Pusat Statistik",
    },
    {
        # Seed 004.
        "code": "3300",
        "name": "BPS Provinsi Jawa Tengah",
        "level": "province",
        "parent_code": "0000",
        "address": "Jl. Pahlawan No. 6 Semarang 50241",
        "phone": "024 - 8412802, 8412804, 8412805",
        "fax": "024 - 8311195",
        # Seed header: "jsteng@bps.go.id"; complaint section: "jateng@bps.go.id".
        "email": "jateng@bps.go.id",
        "website": "pst.bps.go.id",
        "whatsapp": "0815-6770-1212",
        "complaint_website": "s.bps.go.id/pengaduanjateng",
        "social_media": "@bpsprovjateng",
        "sms": "",
        # Seed 004 is the consultation standard and cites no tariff regulation; the current one is used.
        "tariff_regulation": "PP 13/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada BPS",
        "sppd_address": "BPS Provinsi Jawa Tengah\nJl. Pahlawan No. 6 Semarang 50241",
        "head_name": "Kepala BPS Provinsi Jawa Tengah",
    },
    {
        # Seeds 000 and 002.
        "code": "3324",
        "name": "BPS Kabupaten Kendal",
        "level": "regency",
        "parent_code": "3300",
        "address": "Jl. Pramuka (Komplek Perkantoran) Patebon-Kendal 51351",
        "phone": "(0294) 381461",
        "fax": "(0294) 383461",
        "email": "bps3324@bps.go.id",
        "website": "pst.bps.go.id",
        "whatsapp": "0896 3324 3324",
        "complaint_website": "s.bps.go.id/pengaduanbpskendal",
        "social_media": "@bpskendal",
        "sms": "",
        "tariff_regulation": "PP 7/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada BPS",
        # Seed 000, online procedure step 12.
        "sppd_address": (
            "Fungsi Pengolahan dan Diseminasi Statistik\n"
            "Badan Pusat Statistik Kabupaten Kendal\n"
            "Jl. Pramuka (Komplek Perkantoran) Patebon-Kendal"
        ),
        "head_name": "Kepala BPS Kabupaten Kendal",
    },
    {
        # Seed 001. It gives no office header: the address comes from online procedure step 12,
        # the phone from the complaint section ("SMS/Telepon: 081386795024").
        "code": "1904",
        "name": "BPS Kabupaten Bangka Tengah",
        "level": "regency",
        "parent_code": "0000",
        "address": "Raya ByPass Jalan Namang, Padang Mulia, Kec. Koba, Bangka Tengah, Kepulauan Bangka Belitung",
        "phone": "081386795024",
        "fax": "",
        "email": "bps1904@bps.go.id",
        "website": "",
        "whatsapp": "",
        # Seed complaint section: "Website: https://lapor.go.id".
        "complaint_website": "https://lapor.go.id",
        "social_media": "",
        "sms": "081386795024",
        "tariff_regulation": "PP 7/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada BPS",
        # Seed, online procedure step 12: "Kepala BPS Kabupaten Bangka Tengah, Badan Pusat Statistik BPS
        # Kabupaten Bangka Tengah Raya ByPass Jalan Namang, ..." (the doubled "BPS" dropped here).
        "sppd_address": (
            "Kepala BPS Kabupaten Bangka Tengah\n"
            "Badan Pusat Statistik Kabupaten Bangka Tengah\n"
            "Raya ByPass Jalan Namang, Padang Mulia, Kec. Koba, Bangka Tengah, Kepulauan Bangka Belitung"
        ),
        "head_name": "Kepala BPS Kabupaten Bangka Tengah",
    },
]

STANDARDS: list[dict] = [
    # ------------------------------------------------------------------ BPS Kabupaten Kendal, sales (seed 000)
    {
        "office_code": "3324",
        "service": "sales",
        "channel": "walk_in",
        "decree": "",
        "requirements": (
            "Pengguna layanan berkunjung ke Unit Pelayanan Statistik Terpadu (PST) BPS\n"
            "Pengguna Layanan memiliki kartu identitas yang masih berlaku (KTP, SIM, Paspor, dan lain-lain)\n"
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan mengisi buku tamu\n"
            # Seed: "...produk statistik publikasi data mikro dan/atau peta digital wilayah kerja statistik kepada
            # petugas" -- parentheses and comma restored as in the online list and seed 001.
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi, data mikro "
            "dan/atau peta digital wilayah kerja statistik) kepada petugas\n"
            # Seed: "...wilayah kerja statistik (abstraksi) penggunaan data, surat perjanjian penggunaan data (SPPD),
            # format, biaya dan media" -- misplaced parenthesis moved as in the online list.
            "Pengguna layanan menyiapkan dokumen yang harus dipenuhi pada layanan penjualan data mikro dan/atau "
            "peta digital wilayah kerja statistik (abstraksi penggunaan data, surat perjanjian penggunaan data "
            "(SPPD), format, biaya dan media)"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik dengan mengunjungi unit PST BPS\n"
            "Pengguna layanan mengambil nomor antrian\n"
            "Pengguna layanan menunggu waktu dilayani sesuai nomor antrian\n"
            "Pengguna layanan mengisi buku tamu di front office\n"
            "Pengguna layanan menunggu waktu dilayani sesuai nomor antrian\n"
            "Pengguna layanan menyampaikan permintaan layanan penjualan produk statistik kepada petugas\n"
            "Petugas menyampaikan ketentuan tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak (PNBP) "
            "dan/atau dokumen yang harus dipenuhi berkaitan dengan permintaan pengguna layanan\n"
            "Pengguna layanan menyetujui ketentuan PNBP dan/atau memberikan dokumen yang harus dipenuhi berkaitan "
            "dengan permintaannya\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diberikan dengan permintaan pengguna layanan\n"
            "Petugas membuat dan memberikan invoice dan/atau contoh data mikro serta dokumen perjanjian penggunaan "
            "data mikro kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice data mikro, contoh data mikro dan dokumen "
            "perjanjian penggunaan data mikro yang dilihat, jika terdapat ketidaksesuaian maka dapat mengajukan "
            "permintaan perbaikan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan invoice data mikro, contoh data mikro dan "
            "dokumen perjanjian penggunaan data mikro kemudian memberikan hasil pemeriksaan/perbaikan kepada "
            "pengguna layanan\n"
            "Petugas menyiapkan produk statistik yang diminta pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran sesuai invoice melalui: a. Pembayaran secara tunai ke bendahara; "
            "b. Pembayaran via bank menggunakan kode billing sesuai invoice\n"
            "Pengguna layanan menandatangani kemudian memberikan dokumen perjanjian penggunaan data mikro kepada "
            "petugas\n"
            "Bendahara membuat dan memberikan kuitansi pembelian produk statistik kepada pengguna layanan\n"
            "Pengguna layanan mengambil produk statistik kepada petugas\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan kepada petugas\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan penjualan produk "
            "statistik\n"
            "Pengguna layanan selesai mengakses layanan penjualan produk statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) menit sejak pengguna layanan pada antrian "
            "sebelumnya selesai."
        ),
        "working_days_limit": None,
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif Atas Jenis Penerimaan "
            "Negara Bukan Pajak yang berlaku pada Badan Pusat Statistik"
        ),
        "products": (
            "Publikasi dalam format Hardcopy dan/atau softcopy\n"
            "Data mikro lengkap/fullset atau sebagian/sesuai variabel yang dipilih\n"
            "Peta digital wilayah kerja statistik"
        ),
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Kabupaten Kendal\n"
            "Website: s.bps.go.id/pengaduanbpskendal\n"
            "Email: bps3324@bps.go.id\n"
            "WhatsApp 24 jam: 0896 3324 3324\n"
            "Media sosial: @bpskendal\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
    {
        "office_code": "3324",
        "service": "sales",
        "channel": "online",
        "decree": "",
        "requirements": (
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan memiliki NPWP yang masih aktif bagi pengguna layanan dengan segmentasi swasta\n"
            "Pengguna layanan memiliki akun pada aplikasi pelayanan\n"
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi, data mikro "
            "dan/atau peta digital wilayah kerja statistik) melalui aplikasi pelayanan\n"
            "Pengguna layanan menyiapkan dokumen yang harus dipenuhi pada layanan penjualan data mikro dan/atau "
            "peta digital wilayah kerja statistik (abstraksi penggunaan data, surat perjanjian penggunaan data "
            "(SPPD), format, biaya, dan media)"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik melalui whatsapp layanan, email layanan "
            "dan aplikasi silastik (silastik.bps.go.id)\n"
            "Pengguna layanan melakukan registrasi\n"
            "Pengguna layanan membaca ketentuan tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak "
            "(PNBP) dan/atau dokumen yang harus dipenuhi berkaitan dengan permintaan pengguna layanan\n"
            "Pengguna layanan memilih produk statistik yang akan diminta\n"
            "Pengguna layanan mengunggah/upload dokumen yang harus dipenuhi berkaitan dengan permintaannya\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diunggah/upload dengan permintaan pengguna "
            "layanan\n"
            "Petugas membuat dan mengirimkan invoice dan/atau contoh data mikro serta dokumen perjanjian penggunaan "
            "data mikro kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice data mikro, contoh data mikro dan dokumen "
            "perjanjian penggunaan data mikro yang diterima, jika terdapat ketidaksesuaian maka dapat mengajukan "
            "permintaan perbaikan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            "Petugas menyiapkan produk statistik yang dipilih pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran sesuai invoice melalui: a. Pembayaran via bank menggunakan kode "
            "billing sesuai invoice, jika pengguna layanan berdomisili di dalam negeri; b. Transfer via bank ke "
            "rekening bendahara BPS, kemudian mengirimkan bukti pembayaran melalui aplikasi pelayanan, jika "
            "pengguna layanan berdomisili di luar negeri\n"
            # Seed puts the addressee on three separate lines after "kepada :".
            "Pengguna layanan menandatangani kemudian mengirimkan dokumen perjanjian penggunaan data mikro yang "
            "ditujukan kepada: Fungsi Pengolahan dan Diseminasi Statistik, Badan Pusat Statistik Kabupaten Kendal, "
            "Jl. Pramuka (Komplek Perkantoran) Patebon-Kendal\n"
            "Bendahara melakukan verifikasi bukti pembayaran yang diterima dari pengguna layanan yang berdomisili "
            "di luar negeri\n"
            "Bendahara membuat dan mengirimkan kuitansi pembelian produk statistik kepada pengguna layanan melalui "
            "aplikasi pelayanan\n"
            "Petugas mengirimkan produk statistik kepada pengguna layanan, selanjutnya pengguna layanan dapat "
            "mengunduh kuitansi dan produk statistik melalui aplikasi pelayanan\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan melalui aplikasi pelayanan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta mengirimkan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            # Seed: "penilaian/rating/ pengaduan" (stray space).
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan penjualan produk "
            "statistik\n"
            "Pengguna layanan selesai mengakses layanan penjualan produk statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) hari kerja setelah permintaan jelas dan "
            "persyaratan pelayanan lengkap"
        ),
        "working_days_limit": 10,
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif Atas Jenis Penerimaan "
            "Negara Bukan Pajak yang berlaku pada Badan Pusat Statistik"
        ),
        "products": (
            "Publikasi dalam format softcopy\n"
            "Data mikro lengkap/fullset atau sebagian/sesuai variabel yang dipilih\n"
            "Peta digital wilayah kerja statistik"
        ),
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Kabupaten Kendal\n"
            "Website: s.bps.go.id/pengaduanbpskendal\n"
            "Email: bps3324@bps.go.id\n"
            "WhatsApp 24 jam: 0896 3324 3324\n"
            "Media sosial: @bpskendal\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
    # ------------------------------------------------------- BPS Kabupaten Kendal, recommendation (seed 002)
    {
        "office_code": "3324",
        "service": "recommendation",
        "channel": "walk_in",
        "decree": "",
        "requirements": (
            "Pengguna layanan berkunjung ke Unit Pelayanan Statistik Terpadu (PST) BPS\n"
            "Pengguna Layanan memiliki kartu identitas yang masih berlaku (KTP, SIM, Paspor, dan lain-lain)\n"
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan mengisi buku tamu\n"
            "Pengguna layanan mengajukan permintaan layanan rekomendasi statistik kepada petugas\n"
            "Pengguna layanan menyiapkan dokumen Formulir Permintaan Rekomendasi Kegiatan Statistik dalam format "
            "hardcopy atau softcopy"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan rekomendasi statistik dengan mengunjungi unit di PST BPS\n"
            "Pengguna layanan mengambil nomor antrian\n"
            "Pengguna layanan menunggu waktu dilayani sesuai nomor antrian\n"
            "Pengguna layanan mengisi buku tamu di front office\n"
            "Pengguna layanan menyampaikan permintaan layanan rekomendasi statistik kepada petugas\n"
            "Petugas memberikan formulir permintaan rekomendasi statistik dalam format hardcopy atau softcopy yang "
            "perlu diisi oleh pengguna layanan\n"
            "Pengguna layanan menyiapkan surat dan dokumen formulir permintaan rekomendasi statistik dalam format "
            "hardcopy atau softcopy yang ditujukan kepada: Kepala Badan Pusat Statistik Kabupaten Kendal u.p. "
            "Fungsi Pengolahan dan Diseminasi Statistik, Jl. Pramuka (Komplek Perkantoran) Patebon-Kendal, "
            "Email: bps3324@bps.go.id\n"
            "Petugas melakukan perekaman formulir tersebut pada aplikasi pelayanan\n"
            "Petugas melakukan pemeriksaan dan verifikasi formulir hasil perekaman kepada pengguna layanan hingga "
            "rancangan kegiatan statistik lengkap dan jelas\n"
            "Petugas menyusun surat rekomendasi kelayakan kegiatan statistik untuk dilaksanakan\n"
            "Kepala BPS Kabupaten Kendal menerbitkan surat rekomendasi kelayakan kegiatan statistik untuk "
            "dilaksanakan\n"
            "Petugas mengirimkan surat rekomendasi kegiatan statistik kepada pengguna layanan\n"
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan rekomendasi "
            "kegiatan statistik\n"
            "Pengguna layanan selesai mengakses layanan rekomendasi kegiatan statistik"
        ),
        # The seed gives one time limit for the service, not one per channel.
        "time_limit": (
            "Pengguna layanan akan menerima email notifikasi tentang hasil pemeriksaan formulir permintaan "
            "rekomendasi kegiatan statistik maksimal 30 (tiga puluh) hari kerja sejak dokumen formulir tersebut "
            "terekam lengkap di aplikasi pelayanan"
        ),
        "working_days_limit": None,
        "cost": "Tidak dipungut biaya atau GRATIS",
        "products": (
            "Saran, masukan, pertimbangan, solusi, dan rekomendasi terhadap penyelenggaraan kegiatan statistik\n"
            "Surat rekomendasi kegiatan statistik"
        ),
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Kabupaten Kendal\n"
            "Website: s.bps.go.id/pengaduanbpskendal\n"
            "Email: bps3324@bps.go.id\n"
            "WhatsApp 24 jam: 0896 3324 3324\n"
            "Media sosial: @bpskendal\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
    {
        "office_code": "3324",
        "service": "recommendation",
        "channel": "online",
        "decree": "",
        "requirements": (
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan memiliki akun pada aplikasi pelayanan\n"
            "Pengguna layanan mengajukan permintaan layanan rekomendasi statistik melalui aplikasi pelayanan\n"
            "Pengguna layanan menyiapkan dokumen Formulir Permintaan Rekomendasi Kegiatan Statistik dalam format "
            "hardcopy atau softcopy"
        ),
        "procedure": (
            # Seed: "romatik.web.bps.go.id" for the application it names ROMANTIK.
            "Pengguna layanan mengakses layanan rekomendasi statistik melalui aplikasi ROMANTIK (Rekomendasi "
            "Statistik Online) dengan alamat romantik.web.bps.go.id\n"
            "Pengguna layanan melakukan registrasi\n"
            "Pengguna layanan mencari atau searching informasi tentang kegiatan statistik yang sudah mendapatkan "
            "rekomendasi BPS sebagai referensi bagi kegiatan statistik yang akan dilakukan\n"
            "Pengguna layanan mengisi/merekam formulir permintaan rekomendasi kegiatan statistik melalui aplikasi "
            "pelayanan\n"
            "Petugas melakukan pemeriksaan dan verifikasi formulir hasil perekaman kepada pengguna layanan hingga "
            "rancangan kegiatan statistik lengkap dan jelas\n"
            "Petugas menyusun surat rekomendasi kelayakan kegiatan statistik untuk dilaksanakan\n"
            "Kepala BPS Kabupaten Kendal menerbitkan surat rekomendasi kelayakan kegiatan statistik untuk "
            "dilaksanakan\n"
            "Petugas mengirimkan surat rekomendasi kegiatan statistik kepada pengguna layanan\n"
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan rekomendasi "
            "kegiatan statistik\n"
            "Pengguna layanan selesai mengakses layanan rekomendasi kegiatan statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan menerima email notifikasi tentang hasil pemeriksaan formulir permintaan "
            "rekomendasi kegiatan statistik maksimal 30 (tiga puluh) hari kerja sejak dokumen formulir tersebut "
            "terekam lengkap di aplikasi pelayanan"
        ),
        "working_days_limit": 30,
        "cost": "Tidak dipungut biaya atau GRATIS",
        "products": (
            "Saran, masukan, pertimbangan, solusi, dan rekomendasi terhadap penyelenggaraan kegiatan statistik\n"
            "Surat rekomendasi kegiatan statistik"
        ),
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Kabupaten Kendal\n"
            "Website: s.bps.go.id/pengaduanbpskendal\n"
            "Email: bps3324@bps.go.id\n"
            "WhatsApp 24 jam: 0896 3324 3324\n"
            "Media sosial: @bpskendal\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
    # ------------------------------------------------------ BPS Kabupaten Bangka Tengah, sales (seed 001)
    {
        "office_code": "1904",
        "service": "sales",
        "channel": "walk_in",
        "decree": "1601002/24/KPG TAHUN 2024",
        "requirements": (
            "Pengguna layanan berkunjung ke Unit Pelayanan Statistik Terpadu (PST) BPS\n"
            "Pengguna layanan memiliki kartu identitas yang masih berlaku (KTP, SIM, Paspor, dan lain-lain)\n"
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan mengisi buku tamu\n"
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi, data mikro "
            "dan/atau peta digital wilayah kerja statistik) kepada petugas\n"
            "Pengguna layanan menyiapkan dokumen yang harus dipenuhi pada layanan penjualan data mikro dan/atau "
            "peta digital wilayah kerja statistik (abstraksi penggunaan data, surat perjanjian penggunaan data "
            "(SPPD), format, biaya, dan media)"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik dengan mengunjungi unit PST BPS\n"
            "Pengguna layanan mengisi buku tamu\n"
            "Pengguna layanan mengambil nomor antrian\n"
            "Pengguna layanan menunggu waktu dilayani sesuai nomor antrian\n"
            "Pengguna layanan menyampaikan permintaan layanan penjualan produk statistik kepada petugas\n"
            "Petugas menyampaikan ketentuan tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak (PNBP) "
            "dan/atau dokumen yang harus dipenuhi berkaitan dengan permintaan pengguna layanan\n"
            "Pengguna layanan menyetujui ketentuan PNBP dan/atau memberikan dokumen yang harus dipenuhi berkaitan "
            "dengan permintaannya\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diberikan dengan permintaan pengguna layanan\n"
            "Petugas membuat dan memberikan invoice dan/atau contoh data mikro serta dokumen perjanjian penggunaan "
            "data mikro kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice data mikro, contoh data mikro dan dokumen "
            "perjanjian penggunaan data mikro yang dilihat, jika terdapat ketidaksesuaian maka dapat mengajukan "
            "permintaan perbaikan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan invoice data mikro, contoh data mikro dan "
            "dokumen perjanjian penggunaan data mikro kemudian memberikan hasil pemeriksaan/perbaikan kepada "
            "pengguna layanan\n"
            "Petugas menyiapkan produk statistik yang diminta pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran sesuai invoice melalui: a. Pembayaran secara tunai ke bendahara; "
            "b. Pembayaran via bank menggunakan kode billing sesuai invoice\n"
            "Pengguna layanan menandatangani kemudian memberikan dokumen perjanjian penggunaan data mikro kepada "
            "petugas\n"
            "Bendahara membuat dan memberikan kuitansi pembelian produk statistik kepada pengguna layanan\n"
            "Pengguna layanan mengambil produk statistik kepada petugas\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan kepada petugas\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            "Pengguna layanan memberikan penilaian/rating terhadap kualitas pelayanan penjualan produk statistik\n"
            "Pengguna layanan selesai mengakses layanan penjualan produk statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) menit sejak pengguna layanan pada antrian "
            "sebelumnya selesai"
        ),
        "working_days_limit": None,
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif Atas Jenis Penerimaan "
            "Negara Bukan Pajak Yang Berlaku Pada Badan Pusat Statistik"
        ),
        # Seed: "kunjungan langsung (publikasi hardcopy atau softcopy, data mikro, peta digital wilkerstat)".
        "products": "Publikasi hardcopy atau softcopy\nData mikro\nPeta digital wilkerstat",
        "complaint_channels": (
            "Kotak saran dan pengaduan pada unit PST BPS Kabupaten Bangka Tengah\n"
            "Email: bps1904@bps.go.id\n"
            "SMS/Telepon: 081386795024\n"
            "LAPOR!: https://lapor.go.id"
        ),
    },
    {
        "office_code": "1904",
        "service": "sales",
        "channel": "online",
        "decree": "1601002/24/KPG TAHUN 2024",
        "requirements": (
            "Pengguna layanan memiliki alamat email yang masih aktif\n"
            "Pengguna layanan memiliki NPWP yang masih aktif bagi pengguna layanan dengan segmentasi swasta\n"
            "Pengguna layanan memiliki akun pada aplikasi pelayanan\n"
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi, data mikro "
            "dan/atau peta digital wilayah kerja statistik) melalui aplikasi pelayanan\n"
            "Pengguna layanan menyiapkan dokumen yang harus dipenuhi pada layanan penjualan data mikro dan/atau "
            "peta digital wilayah kerja statistik (abstraksi penggunaan data, surat perjanjian penggunaan data "
            "(SPPD), format, biaya, dan media)"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik melalui aplikasi pelayanan\n"
            "Pengguna layanan melakukan registrasi\n"
            "Pengguna layanan membaca ketentuan tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak "
            "(PNBP) dan/atau dokumen yang harus dipenuhi berkaitan dengan permintaan pengguna layanan\n"
            "Pengguna layanan memilih produk statistik yang akan diminta\n"
            "Pengguna layanan mengunggah/upload dokumen yang harus dipenuhi berkaitan dengan permintaannya\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diunggah/upload dengan permintaan pengguna "
            "layanan\n"
            "Petugas membuat dan mengirimkan invoice dan/atau contoh data mikro serta dokumen perjanjian penggunaan "
            "data mikro kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice data mikro, contoh data mikro dan dokumen "
            "perjanjian penggunaan data mikro yang diterima, jika terdapat ketidaksesuaian maka dapat mengajukan "
            "permintaan perbaikan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            "Petugas menyiapkan produk statistik yang dipilih pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran sesuai invoice melalui: a. Pembayaran via bank menggunakan kode "
            "billing sesuai invoice, jika pengguna layanan berdomisili di dalam negeri; b. Transfer via bank ke "
            "rekening bendahara BPS, kemudian mengirimkan bukti pembayaran melalui aplikasi pelayanan, jika "
            "pengguna layanan berdomisili di luar negeri\n"
            "Pengguna layanan menandatangani kemudian mengirimkan dokumen perjanjian penggunaan data mikro yang "
            "ditujukan kepada: Kepala BPS Kabupaten Bangka Tengah, Badan Pusat Statistik BPS Kabupaten Bangka "
            "Tengah Raya ByPass Jalan Namang, Padang Mulia, Kec. Koba, Bangka Tengah, Kepulauan Bangka Belitung\n"
            "Bendahara melakukan verifikasi bukti pembayaran yang diterima dari pengguna layanan yang berdomisili "
            "di luar negeri\n"
            "Bendahara membuat dan mengirimkan kuitansi pembelian produk statistik kepada pengguna layanan melalui "
            "aplikasi pelayanan\n"
            "Petugas mengirimkan produk statistik kepada pengguna layanan, selanjutnya pengguna layanan dapat "
            "mengunduh kuitansi dan produk statistik melalui aplikasi pelayanan\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan melalui aplikasi pelayanan\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta mengirimkan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan\n"
            "Pengguna layanan memberikan penilaian/rating terhadap kualitas pelayanan penjualan produk statistik\n"
            "Pengguna layanan selesai mengakses layanan penjualan produk statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) hari kerja setelah permintaan jelas dan "
            "persyaratan pelayanan lengkap"
        ),
        "working_days_limit": 10,
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif Atas Jenis Penerimaan "
            "Negara Bukan Pajak Yang Berlaku Pada Badan Pusat Statistik"
        ),
        # Seed: "online (publikasi softcopy, data mikro, peta digital wilkerstat)".
        "products": "Publikasi softcopy\nData mikro\nPeta digital wilkerstat",
        "complaint_channels": (
            "Kotak saran dan pengaduan pada unit PST BPS Kabupaten Bangka Tengah\n"
            "Email: bps1904@bps.go.id\n"
            "SMS/Telepon: 081386795024\n"
            "LAPOR!: https://lapor.go.id"
        ),
    },
    # ------------------------------------------------------------------------------ BPS RI, sales (seed 003)
    # The seed gives one requirement list, one procedure, one product list and one cost for both channels.
    {
        "office_code": "0000",
        "service": "sales",
        "channel": "walk_in",
        "decree": "",
        "requirements": (
            "Memiliki alamat email yang masih aktif\n"
            "Pengguna layanan memiliki akun pada portal pst.bps.go.id\n"
            "Pengguna layanan memiliki NPWP yang masih aktif bagi pengguna layanan dengan segmentasi swasta\n"
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi elektronik, data "
            "mikro, dan/atau peta digital wilayah kerja statistik) kepada petugas\n"
            "Pengguna layanan menyetujui syarat penjualan produk statistik yaitu format, biaya, dan media "
            "elektronik sesuai dengan perkembangan teknologi informasi\n"
            "Khusus penjualan data mikro dan/atau peta digital Wilayah Kerja Statistik (wilkerstat), pengguna "
            "layanan menyetujui dan menyerahkan abstraksi penggunaan data dan Surat Perjanjian Penggunaan "
            "Data/SPPD"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik dengan mengunjungi unit PST atau Portal "
            "PST\n"
            "Pengguna layanan mengisi buku tamu atau login ke portal PST jika melalui online\n"
            "Pengguna layanan mengambil nomor antrian (untuk pengguna datang langsung)\n"
            "Pengguna layanan menyampaikan permintaan layanan penjualan produk statistik kepada petugas / pengguna "
            "mencari data pada portal PST\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diberikan dengan permintaan pengguna layanan\n"
            "Petugas membuat dan memberikan invoice dan/atau contoh data untuk data mikro serta dokumen perjanjian "
            "penggunaan data mikro dan/atau peta digital wilkerstat kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice, contoh data untuk data mikro dan dokumen "
            "perjanjian penggunaan data\n"
            "Petugas menyiapkan produk statistik yang diminta pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran menggunakan kode billing sesuai invoice\n"
            # Seed starts this step in lower case ("khusus").
            "Khusus layanan penjualan data mikro dan/atau peta digital wilkerstat, pengguna menandatangani dan "
            "menyerahkan dokumen perjanjian penggunaan data kepada petugas\n"
            "Pengguna layanan mengunduh produk statistik melalui portal pst.bps.go.id\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan kepada petugas\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) menit sejak pengguna layanan pada antrian "
            "sebelumnya selesai."
        ),
        "working_days_limit": None,
        # The seed also shows "Tidak dipungut biaya" under "Biaya / Tarif"; the paid wording is the standard's.
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif Atas Jenis "
            "Penerimaan Negara Bukan Pajak Yang Berlaku Pada Badan Pusat Statistik"
        ),
        # Seed: "1. Publikasi elektronik, Data mikro lengkap/fullset, Peta digital wilkerstat".
        "products": "Publikasi elektronik\nData mikro lengkap/fullset\nPeta digital wilkerstat",
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS\n"
            "Website: https://webapps.bps.go.id/pengaduan\n"
            "Email: bpshq@bps.go.id\n"
            "SMS: 081119500500\n"
            "LAPOR!: https://www.lapor.go.id"
        ),
    },
    {
        "office_code": "0000",
        "service": "sales",
        "channel": "online",
        "decree": "",
        "requirements": (
            "Memiliki alamat email yang masih aktif\n"
            "Pengguna layanan memiliki akun pada portal pst.bps.go.id\n"
            "Pengguna layanan memiliki NPWP yang masih aktif bagi pengguna layanan dengan segmentasi swasta\n"
            "Pengguna layanan mengajukan permintaan layanan penjualan produk statistik (publikasi elektronik, data "
            "mikro, dan/atau peta digital wilayah kerja statistik) kepada petugas\n"
            "Pengguna layanan menyetujui syarat penjualan produk statistik yaitu format, biaya, dan media "
            "elektronik sesuai dengan perkembangan teknologi informasi\n"
            "Khusus penjualan data mikro dan/atau peta digital Wilayah Kerja Statistik (wilkerstat), pengguna "
            "layanan menyetujui dan menyerahkan abstraksi penggunaan data dan Surat Perjanjian Penggunaan "
            "Data/SPPD"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan penjualan produk statistik dengan mengunjungi unit PST atau Portal "
            "PST\n"
            "Pengguna layanan mengisi buku tamu atau login ke portal PST jika melalui online\n"
            "Pengguna layanan mengambil nomor antrian (untuk pengguna datang langsung)\n"
            "Pengguna layanan menyampaikan permintaan layanan penjualan produk statistik kepada petugas / pengguna "
            "mencari data pada portal PST\n"
            "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diberikan dengan permintaan pengguna layanan\n"
            "Petugas membuat dan memberikan invoice dan/atau contoh data untuk data mikro serta dokumen perjanjian "
            "penggunaan data mikro dan/atau peta digital wilkerstat kepada pengguna layanan\n"
            "Pengguna layanan melakukan pengecekan terhadap invoice, contoh data untuk data mikro dan dokumen "
            "perjanjian penggunaan data\n"
            "Petugas menyiapkan produk statistik yang diminta pengguna layanan\n"
            "Pengguna layanan melakukan pembayaran menggunakan kode billing sesuai invoice\n"
            "Khusus layanan penjualan data mikro dan/atau peta digital wilkerstat, pengguna menandatangani dan "
            "menyerahkan dokumen perjanjian penggunaan data kepada petugas\n"
            "Pengguna layanan mengunduh produk statistik melalui portal pst.bps.go.id\n"
            "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika "
            "terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan kepada petugas\n"
            "Petugas memeriksa dan menindaklanjuti permintaan perbaikan serta memberikan hasil "
            "pemeriksaan/perbaikan kepada pengguna layanan"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) hari kerja setelah permintaan jelas dan "
            "persyaratan pelayanan lengkap"
        ),
        "working_days_limit": 10,
        "cost": (
            "Berbayar sesuai Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif Atas Jenis "
            "Penerimaan Negara Bukan Pajak Yang Berlaku Pada Badan Pusat Statistik"
        ),
        "products": "Publikasi elektronik\nData mikro lengkap/fullset\nPeta digital wilkerstat",
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS\n"
            "Website: https://webapps.bps.go.id/pengaduan\n"
            "Email: bpshq@bps.go.id\n"
            "SMS: 081119500500\n"
            "LAPOR!: https://www.lapor.go.id"
        ),
    },
    # ------------------------------------------------------- BPS Provinsi Jawa Tengah, consultation (seed 004)
    {
        "office_code": "3300",
        "service": "consultation",
        "channel": "walk_in",
        "decree": "",
        "requirements": (
            # Seed: "Berhijab ke Unit ..." (OCR/typo for "Berkunjung").
            "Berkunjung ke Unit Pelayanan Statistik Terpadu (PST) BPS\n"
            "Memiliki kartu identitas yang masih berlaku (KTP, SIM, Paspor, dan lain-lain)\n"
            "Memiliki alamat email yang masih aktif\n"
            "Mengisi buku tamu\n"
            "Mengajukan permintaan layanan konsultasi statistik kepada petugas"
        ),
        "procedure": (
            "Pengguna layanan mengakses layanan konsultasi statistik dengan mengunjungi unit PST BPS dan langsung "
            "mengambil nomor antrian\n"
            "Pengguna layanan menunggu waktu dilayani sesuai nomor antrian\n"
            # Seed: "kedatanganannya".
            "Pengguna layanan menuju front office untuk mengisi buku tamu dan menjelaskan tujuan kedatangannya\n"
            "Pengguna layanan menuju meja layanan konsultasi untuk menyampaikan konsultasi kepada petugas\n"
            "Petugas memberikan informasi berkaitan dengan materi yang dikonsultasikan pengguna layanan\n"
            "Jika pengguna layanan perlu menindaklanjuti informasi tersebut untuk mendapatkan produk-produk "
            "pelayanan lainnya, maka dapat mengakses jenis layanan lainnya pada PST\n"
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan konsultasi "
            "statistik\n"
            "Pengguna layanan selesai mengakses layanan konsultasi statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 10 (sepuluh) menit sejak pengguna layanan pada antrian "
            "sebelumnya selesai."
        ),
        "working_days_limit": None,
        "cost": "Tidak dipungut biaya atau GRATIS",
        # Seed: "metadada".
        "products": "Jasa konsultasi informasi (data/metadata/klasifikasi) statistik",
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Provinsi Jawa Tengah\n"
            "Website: s.bps.go.id/pengaduanjateng\n"
            "Email: jateng@bps.go.id\n"
            "WhatsApp 24 jam: 0815-6770-1212\n"
            "Media sosial: @bpsprovjateng\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
    {
        "office_code": "3300",
        "service": "consultation",
        "channel": "online",
        "decree": "",
        "requirements": (
            "Memiliki alamat email yang masih aktif\n"
            "Memiliki akun pada aplikasi pelayanan\n"
            "Mengajukan permohonan layanan konsultasi statistik melalui aplikasi pelayanan"
        ),
        "procedure": (
            # Seed: "aplikasi psi.bps.go.id, [whatsapp](https://wa.me/621515151515) atau email".
            "Pengguna layanan mengakses layanan konsultasi statistik melalui aplikasi pst.bps.go.id, whatsapp atau "
            "email\n"
            "Pengguna layanan melakukan registrasi\n"
            # Seed: "mencari/ searching" (stray space).
            "Pengguna layanan mencari/searching informasi tentang materi yang ingin dikonsultasikan\n"
            "Jika informasi tidak diperoleh, maka pengguna layanan dapat membuat transaksi konsultasi statistik\n"
            # Seed: "perokapan" (here and in the step after next).
            "Pengguna layanan menyampaikan konsultasi melalui percakapan online atau bisa juga melakukan "
            "konsultasi lanjutan datang langsung atau melalui zoom meeting\n"
            "Petugas memberikan informasi berkaitan dengan materi yang dikonsultasikan pengguna layanan\n"
            "Petugas layanan menutup percakapan online jika layanan konsultasi telah selesai atau pengguna layanan "
            "tidak merespon\n"
            "Pengguna layanan memberikan penilaian/rating/pengaduan terhadap kualitas pelayanan konsultasi "
            "statistik\n"
            "Pengguna layanan selesai mengakses layanan konsultasi statistik"
        ),
        "time_limit": (
            "Pengguna layanan akan dilayani maksimal 3 (tiga) hari kerja setelah permintaan jelas dan persyaratan "
            "pelayanan lengkap"
        ),
        "working_days_limit": 3,
        "cost": "Tidak dipungut biaya atau GRATIS",
        "products": "Jasa konsultasi informasi (data/metadata/klasifikasi) statistik",
        "complaint_channels": (
            "Kotak saran & pengaduan pada unit PST BPS Provinsi Jawa Tengah\n"
            "Website: s.bps.go.id/pengaduanjateng\n"
            "Email: jateng@bps.go.id\n"
            "WhatsApp 24 jam: 0815-6770-1212\n"
            "Media sosial: @bpsprovjateng\n"
            "LAPOR!: www.lapor.go.id"
        ),
    },
]
