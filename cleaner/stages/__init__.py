"""One module per pipeline stage: pure functions on strings plus a thin stage that records Findings."""
