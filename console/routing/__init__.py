"""The language/hours module: who is on shift, which contact methods a customer may be offered.

- `schedule`: shift rules expanded to UTC intervals, precomputed per agent for a window.
- `offer`: the pure `offer_channels` / `ranked_agents` over a frozen `RoutingSnapshot`.
- `snapshot`: `load_snapshot(store, at)`, the only part that reads the store.
- `coverage`: agents on shift per (channel, language) and UTC hour.
- `sla`: due times in business hours; `staffing`: Erlang C.
- `team_file`: the TOML team file (routing as code): parse, validate, import, export.

See `routing.md` for the rules these modules follow.
"""
