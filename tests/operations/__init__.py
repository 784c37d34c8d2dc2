"""Tests of newsroom/operations: backups, catalogs, the first admin."""
