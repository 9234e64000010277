"""Skills, occupations and job-to-job transitions: one shared vocabulary for courses and jobs.

What this stage offers, in pipeline order:
- `schema`: the content model (skill groups with their skills, occupations, curated transitions),
  checked by the same machinery as every other content file (`builder.schema`).
- `rules`: checks that span several files (one id per skill, essential skills, unused course skills).
- `model`: the vocabulary as linked objects (`Vocabulary`), built once the content is valid.
- `matching`: pure functions for coverage, skills to learn, courses that close a gap, the funding
  that applies, and which transitions are generated.
- `pages`: the page specs for /vaardigheden/, /beroepen/ and /overstappen/, and their JSON-LD.
- `esco`: `scholing import esco PATH`, reading the official ESCO CSV download.
"""
