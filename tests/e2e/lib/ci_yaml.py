"""ci_yaml.py: what gha.py (GitHub Actions) and glci.py (GitLab CI) share: reading a CI file
as the service reads it (YAML, a mapping at the top) and collecting what is wrong with it, so
that one run reports every problem and not just the first."""
import sys

import yaml

errors = []


def err(msg):
    errors.append(msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        sys.exit(f"{path}: not a YAML mapping")
    return doc
