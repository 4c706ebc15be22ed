"""Sales of statistical products (Penjualan Produk Statistik): catalogue, tariffs, requests."""
