"""Paper fallback sheets (ReportLab), read from core queries only; never imports Qt.

`render.prepare`/`print_to_file` make a sheet or the binder, `cli.print_group` is
`resilient-zcc print`, `sheets.SHEETS` lists the sheets; see docs/ARCHITECTURE.md.
"""
