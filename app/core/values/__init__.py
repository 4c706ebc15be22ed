"""Values in Indonesian: formatting of money and dates, and input checks with messages."""
