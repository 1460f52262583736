"""Forums: every write with a rule, one module per concept: memberships, meetings (with
attendance and invitations), agendas, notes (and recordings), member_links (members'
sign-in links), claims, and stored_files (files that go with their row)."""
