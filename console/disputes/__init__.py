"""Disputes between buyers and sellers, and the platform's measures against users.

`case` reads a dispute for review, `states` moves it and runs its clocks, `actions` resolves it
(refunds, cancellations, restrictions, reports), `approvals` is the second pair of eyes,
`appeals` the complaint against a decision, `notices` what users are told, `dsa` the
transparency export and `audit` the trail. Every service checks roles itself.
"""
