"""LAN discovery with mDNS/DNS-SD (`_resilient-zcc._tcp`), via `zeroconf`.

A serving device announces its device id, a tag of its network (a hash, not the id) and
its port. Discovery only finds addresses: whether a found device is trusted is decided by
the TLS handshake and the membership check, exactly as for a typed address. Interfaces
can be limited (tests use 127.0.0.1 only, so nothing leaves the machine).
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

SERVICE = "_resilient-zcc._tcp.local."


def network_tag(network_id: str) -> str:
    return hashlib.sha256(b"rzcc mdns\n" + network_id.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Discovered:
    device_id: str
    address: str  # HOST:PORT


def _zeroconf(interfaces: list[str] | None) -> Zeroconf:
    if interfaces:
        return Zeroconf(interfaces=interfaces, ip_version=IPVersion.V4Only)
    return Zeroconf(ip_version=IPVersion.V4Only)


class Advertiser:
    """Announces this device while a server runs; `close()` withdraws the announcement."""

    def __init__(
        self, device_id: str, network_id: str, port: int, interfaces: list[str] | None = None
    ) -> None:
        addresses = interfaces or _own_addresses()
        self.zeroconf = _zeroconf(interfaces)
        self.info = ServiceInfo(
            SERVICE,
            f"rzcc-{device_id[:16]}.{SERVICE}",
            addresses=[socket.inet_aton(a) for a in addresses],
            port=port,
            properties={"device": device_id, "net": network_tag(network_id), "v": "1"},
            server=f"rzcc-{device_id[:16]}.local.",
        )
        self.zeroconf.register_service(self.info)

    def close(self) -> None:
        self.zeroconf.unregister_service(self.info)
        self.zeroconf.close()


def _own_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (ifaddr comes with zeroconf)."""
    import ifaddr

    found = {
        str(ip.ip)
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ip.ip.startswith("127.")
    }
    return sorted(found) or ["127.0.0.1"]


class _Collector(ServiceListener):
    def __init__(
        self,
        tag: str,
        on_found: Callable[[Discovered], None] | None = None,
        exclude: str | None = None,
    ) -> None:
        self.tag = tag
        self.found: dict[str, Discovered] = {}
        self.changed = threading.Event()
        self.on_found = on_found
        self.exclude = exclude

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        info = zc.get_service_info(type_, name, timeout=2000)
        if info is None or not info.port:
            return
        props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
        addresses = info.parsed_addresses(IPVersion.V4Only)
        if props.get("net") != self.tag or not addresses or len(props.get("device", "")) != 64:
            return
        found = Discovered(props["device"], f"{addresses[0]}:{info.port}")
        self.found[found.device_id] = found
        self.changed.set()
        if self.on_found is not None and found.device_id != self.exclude:
            self.on_found(found)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.add_service(zc, type_, name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        pass


def discover(
    network_id: str,
    timeout: float = 3.0,
    interfaces: list[str] | None = None,
    exclude: str | None = None,
    want: int | None = None,
) -> list[Discovered]:
    """Devices of this network announcing themselves, found within `timeout` seconds
    (sooner once `want` devices are found)."""
    zeroconf = _zeroconf(interfaces)
    collector = _Collector(network_tag(network_id))
    browser = ServiceBrowser(zeroconf, SERVICE, collector)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            collector.changed.wait(max(0.0, min(0.2, deadline - time.monotonic())))
            collector.changed.clear()
            found = [d for d in collector.found.values() if d.device_id != exclude]
            if want is not None and len(found) >= want:
                break
    finally:
        browser.cancel()
        zeroconf.close()
    return sorted(
        (d for d in collector.found.values() if d.device_id != exclude), key=lambda d: d.device_id
    )


class Watcher:
    """Reports each device of this network as it announces itself, until `close()`.

    Event-driven: `on_found` is called from zeroconf's own thread when an announcement
    arrives (zeroconf itself re-asks the LAN at growing intervals); nothing here polls.
    """

    def __init__(
        self,
        network_id: str,
        on_found: Callable[[Discovered], None],
        interfaces: list[str] | None = None,
        exclude: str | None = None,
    ) -> None:
        self.zeroconf = _zeroconf(interfaces)
        self.collector = _Collector(network_tag(network_id), on_found, exclude)
        self.browser = ServiceBrowser(self.zeroconf, SERVICE, self.collector)

    def close(self) -> None:
        self.browser.cancel()
        self.zeroconf.close()


__all__ = ["Advertiser", "Discovered", "Watcher", "discover", "network_tag"]
