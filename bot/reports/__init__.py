"""Reports in the center's KPI format (성과목표 / 성과지표 / 실적 / 이행률).

The modules are split so that each import stays cheap and pure where it can:
`period`, `metrics`, `targets`, `model`, `compute` and the renderers know nothing of the
database; `storage.report_queries` reads it (into `storage.report_facts`); `service` ties
the two together. Importing this package
imports nothing (the FAQ checker imports `bot.reports.targets` on its own).
"""
