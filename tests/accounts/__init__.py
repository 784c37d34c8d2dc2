"""Tests of newsroom/accounts: login throttling."""
