"""Canonical URLs: one spelling per article address, so the store spots the same article twice."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hmsr", "__hs", "_hs")
_TRACKING_KEYS = frozenset(
    (
        *("fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid"),
        *("igshid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "referrer", "spm", "scm"),
        *("share_source", "share_medium", "sr_share", "cmpid", "ocid", "icid", "_ga", "_gl"),
        *("si", "feature", "src_type", "vn_source", "wt_mc", "wt.mc_id", "s_cid", "ncid"),
        *("mkt_tok", "trk", "trkcampaign"),
    )
)
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]")


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in _TRACKING_KEYS or lowered.startswith(_TRACKING_PREFIXES)


def _normalise_escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(0)[1:], 16))
    # Escapes of unreserved characters mean the character itself (RFC 3986 §6.2.2.2).
    return char if _UNRESERVED.fullmatch(char) else match.group(0).upper()


def _normalise_path(path: str) -> str:
    path = quote(path, safe=_SAFE_PATH)
    path = _PERCENT.sub(_normalise_escape, path)
    if not path:
        return "/"
    path = posixpath.normpath(path)
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    if path in {".", "/"}:
        return "/"
    # One form for "/a/b" and "/a/b/": sites serve both, and the slash-less one is more common.
    return path.rstrip("/") or "/"


def _normalise_query(query: str) -> str:
    pairs = [
        (unquote(key), unquote(value))
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlencode(sorted(pairs), quote_via=quote, safe="-._~:/@!$'()*,;")


def _host_and_port(scheme: str, netloc: str) -> str:
    userinfo, _, hostport = netloc.rpartition("@")
    host, port = hostport, ""
    if hostport.startswith("["):
        end = hostport.find("]")
        host, port = hostport[: end + 1], hostport[end + 2 :]
    elif ":" in hostport:
        host, _, port = hostport.rpartition(":")
    host = host.lower().rstrip(".")
    if port and port.isdigit() and int(port) == _DEFAULT_PORTS.get(scheme):
        port = ""
    out = f"{host}:{port}" if port else host
    return f"{userinfo}@{out}" if userinfo else out


def canonicalise_url(url: str) -> str:
    """One canonical spelling of a web address.

    Lower-case scheme and host, no fragment, no default port, no tracking parameters (utm_*, fbclid,
    gclid, mc_cid, ref, spm, …), the rest sorted, unreserved escapes decoded, dot segments resolved,
    and no trailing slash except for the root. Other schemes and unparseable text come back trimmed.
    """
    text = url.strip()
    if text.startswith("//"):
        text = "https:" + text
    elif "://" not in text and re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)", text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        return text
    netloc = _host_and_port(scheme, parts.netloc)
    return urlunsplit(
        (scheme, netloc, _normalise_path(parts.path), _normalise_query(parts.query), "")
    )
