"""Files and issued documents: storage, the PDF base and its fonts, numbering, public verification."""
