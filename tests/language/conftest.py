from tests.lab.fixtures import lab_ok  # noqa: F401  (the namespace-lab guard, shared)
