"""The region's situation report (sitrap): beeld – oordeel – besluit, numbered and kept.

`report.py` gathers the picture from the queries that own each figure (the capacity and the
queue come from `dashboard()`, so the sitrap says what the Overzicht says); `model.py` stores
a version as an immutable log entry of kind 'sitrap'; `text.py` gives the plain text for the
radio and e-mail; `rhythm.py` says when the next one is due.
"""
