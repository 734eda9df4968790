"""zossim: a simulated z/OS host (RACF, ICSF CKDS, clock) for tests and demos.

Not z/OS. See docs/simulator.md for what it models, what it does not, and
which behaviours are real, documented, likely or provisional.
"""
