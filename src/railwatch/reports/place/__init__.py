"""Stage 3, place: the names a report uses, resolved to a place on the network or the map.

Belongs here: place mentions in text (`places_text`), the settlement and region gazetteer
(`gazetteer`, data in `data/`), every Russian station by name (`stations_gazetteer`),
Latin spellings of Russian names (`transliterate`), kilometre posts (`km_posts`) and the
choice of one `Location` with its precision (`link`, which states the order of the stages:
`mention_cues`, `stretches`, `station_pick`, `km_post_link`, `settlements`, `lines`,
`network_points`). The network itself (graph, stations
table, queries) is `railwatch.network`.
"""
