"""The crisis structure of a region: phases, noodscenario, decision log, escalation path,
ZCC task cards and the modules of measures.

Writes validate first and then go through `store.transaction()`; each module has one job:
`regions` (the region rows), `phases` (LNAZ phase and noodscenario), `logbook` (the
append-only decision and event log), `escalation`, `taskcards`, `measures`; `holders`
answers "who holds this function now, and how to reach them" for all of them.
"""
