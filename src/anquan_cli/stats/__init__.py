"""Periods and the figures reports quote: pure functions over records, no I/O, no clock.

    from anquan_cli.stats.periods import quarter
    from anquan_cli.stats.summary import summarize
    from anquan_cli.stats.explain import explain

    records = [entry.record for entry in ledger.entries]
    summary = summarize(records, quarter(2024, 4), settings=ledger.settings)
    summary.totals.hazards_found, summary.by_sector["工贸"].rectification_rate
    summary.to_json()   # what `anquan report --format json` prints
    explain("by_sector.工贸.hazards_found", records, quarter(2024, 4), settings=ledger.settings)

figures.py holds one predicate per figure of domain.md; summarize counts with them and explain
lists with them. Records dated after the as-of date do not count: a report as of a day sees the
ledger as it stood that day.
"""
