"""Security: who may reach what, and what is kept secret.

Owns the staff roles and their permissions (groups), two-factor sign-in (two_factor),
lockouts after failed sign-ins (lockouts), session limits and signing out (staff_sessions,
sign_out), limited password resets (password_reset), administrator-only pages
(admin_access), the audit log's view of a person (audit), the visitor's address as our
proxies saw it (client_address), field encryption and its key check (encryption) and
spreadsheet-safe text for exports (spreadsheets).

May import: serving (the shared cache's counts). Page apps import the modules named in __all__.
"""

__all__ = ["admin_access", "client_address", "encryption", "groups", "spreadsheets"]
