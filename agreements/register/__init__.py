"""The agreement register: the organisation's memory of its partnerships.

Specs and drafts are recorded in a database (SQLite by default, PostgreSQL by URL) through
SQLAlchemy, with Alembic migrations shipped in the package and run on open. One idea per
module:

- where the register is (`location`), opening it for many users (`database`, `migrate`,
  `schema`), its tables (`models`);
- what a validated spec or a draft contributes (`record`, `sources`), writing it (`store`)
  and an agreement's status (`status`);
- the questions: the register as it stands (`current`), which agreements and all about one
  (`queries`), what falls due (`due`), the report's figures (`figures`), drawn as SVG
  (`charts`) on one HTML page (`page`), and answers as text, JSON or CSV (`tables`);
- `actions`: one function per command, the only entry point of the CLI.
"""
