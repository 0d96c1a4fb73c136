"""Reading other people's spreadsheets into records."""
