"""Getting data in and out: spreadsheets, vCard, capacity standards, full backups."""
