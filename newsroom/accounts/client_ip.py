"""The client's address for login throttling (AXES_CLIENT_IP_CALLABLE).

Without LOGIN_CLIENT_IP_HEADER it is REMOTE_ADDR. With it (e.g.
HTTP_X_FORWARDED_FOR), the header is believed only as far as trusted proxies
vouch for it: starting from REMOTE_ADDR, as long as the address at hand is one
of LOGIN_TRUSTED_PROXIES, step one entry to the left in the header. The first
untrusted address is the client. So a client that reaches Django directly, or
writes its own X-Forwarded-For in front of the proxy's entry, cannot choose the
address it is throttled under. An entry that is not an address ends the walk at
the last proxy that passed it on.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

# Longest textual IP address (an IPv6 address with an embedded IPv4 one).
_MAX_ADDRESS_LENGTH = 45
# Proxies in front of a site are a handful; entries beyond this are never read.
_MAX_HOPS = 32

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def trusted_networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Parse LOGIN_TRUSTED_PROXIES (addresses or CIDR ranges); raises ValueError."""
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def parse_address(text: str) -> Address | None:
    """A plain IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4), or None."""
    text = text.strip()
    if not text or len(text) > _MAX_ADDRESS_LENGTH:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:  # fe80::1%eth0 is no client address, and no database stores it
            return None
        if address.ipv4_mapped:
            return address.ipv4_mapped
    return address


def client_ip(request: HttpRequest) -> str | None:
    remote = parse_address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    header = settings.LOGIN_CLIENT_IP_HEADER
    if not header:
        return str(remote)
    networks = trusted_networks(tuple(settings.LOGIN_TRUSTED_PROXIES))
    hops = request.META.get(header, "").rsplit(",", _MAX_HOPS)
    client = remote
    for hop in reversed(hops):
        if not any(client in network for network in networks):
            break
        forwarded = parse_address(hop)
        if forwarded is None:
            break
        client = forwarded
    return str(client)
