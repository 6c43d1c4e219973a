"""Reports to incidents, in the order `pipeline` states: read -> extract -> place -> merge.

A change belongs in the sub-package of its stage: `text` (reading files, pages and exports
into clean text), `extract` (what a report says happened), `place` (where, on the network),
`lexicon` (word lists and the claimant table, as YAML). What spans the stages stays here:
the nouns (`model`) and their JSON form (`codec`), the stage order (`pipeline`), merging
reports into incidents (`merge`), scoring (`evaluate`), output (`export`) and the 0.1 file
store (`incident_store`).
"""
