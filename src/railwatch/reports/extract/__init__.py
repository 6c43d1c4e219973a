"""Stage 2, extract: what one report says happened, before it is placed on the network.

Belongs here: incident detection and type (`triggers`), whether a report or a trigger tells
an incident at all rather than a court case, a foiled plot or an observation (`report_kind`),
the incident assembly (`extract`),
dates (`dates`), traffic effects (`effects`), counts and casualties (`quantities`), who
claims what cause (`claims`, `claimants`, and `nlp_claims` which checks them against the
parse), the statistical parse itself (`nlp`, spaCy and natasha) and Russian lemmas
(`morph`). Word lists go in `railwatch.reports.lexicon`, not here; finding and resolving
place names is `railwatch.reports.place`.
"""
