"""Accounts: who may try to log in, how often, and from which address.

Login throttling is django-axes; this app configures it (client address,
lockout page) and adds what axes cannot key on: one password tried against
many usernames.
"""
