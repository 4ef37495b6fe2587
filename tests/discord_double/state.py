"""Inhabitants of the double: users, roles, channels, members, guilds and recorded messages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

JsonObject = dict[str, Any]

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
ALL_PERMISSIONS = (1 << 51) - 1
EVERYONE_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_APPLICATION_COMMANDS
)

EPHEMERAL_FLAG = 1 << 6
LOADING_FLAG = 1 << 7

_DISCORD_EPOCH_MS = 1_420_070_400_000
# A fixed, plausible creation time keeps snowflakes and timestamps deterministic across runs.
_FIRST_SNOWFLAKE_MS = 1_735_689_600_000 - _DISCORD_EPOCH_MS


class SnowflakeFactory:
    """Hands out increasing, deterministic Discord snowflakes."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next_id(self) -> int:
        """Return a fresh snowflake one millisecond after the previous one."""
        step = next(self._counter)
        return ((_FIRST_SNOWFLAKE_MS + step) << 22) | (step & 0xFFF)


def snowflake_time(snowflake: int) -> str:
    """Return the ISO-8601 creation time Discord encodes in a snowflake."""
    created_at = datetime.fromtimestamp(0, UTC) + timedelta(
        milliseconds=(snowflake >> 22) + _DISCORD_EPOCH_MS
    )
    return created_at.isoformat()


@dataclass(slots=True)
class FakeUser:
    """A Discord user account (a person or the bot itself)."""

    id: int
    username: str
    bot: bool = False

    def payload(self) -> JsonObject:
        """Return the user object Discord sends."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": None if self.bot else self.username.title(),
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(slots=True)
class FakeRole:
    """A guild role with its permission bits."""

    id: int
    name: str
    permissions: int
    position: int = 0

    def payload(self) -> JsonObject:
        """Return the role object Discord sends."""
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }


@dataclass(slots=True)
class FakeOverwrite:
    """A channel permission overwrite for a role (type 0) or a member (type 1)."""

    target_id: int
    target_type: int
    allow: int = 0
    deny: int = 0

    def payload(self) -> JsonObject:
        """Return the overwrite object Discord sends."""
        return {
            "id": str(self.target_id),
            "type": self.target_type,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


@dataclass(slots=True)
class FakeChannel:
    """A guild text channel."""

    id: int
    guild_id: int
    name: str
    position: int = 0
    overwrites: list[FakeOverwrite] = field(default_factory=list)

    def payload(self) -> JsonObject:
        """Return the channel object Discord sends."""
        return {
            "id": str(self.id),
            "type": 0,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [overwrite.payload() for overwrite in self.overwrites],
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }


@dataclass(slots=True)
class FakeMember:
    """A user's membership of a guild."""

    user: FakeUser
    role_ids: list[int] = field(default_factory=list)

    def payload(self, *, permissions: int | None = None) -> JsonObject:
        """Return the guild member object; interactions also carry the computed permissions."""
        member: JsonObject = {
            "user": self.user.payload(),
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": [str(role_id) for role_id in self.role_ids],
            "joined_at": snowflake_time(self.user.id),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if permissions is not None:
            member["permissions"] = str(permissions)
        return member


@dataclass(slots=True)
class FakeGuild:
    """A guild with its roles (index 0 is @everyone), channels and members."""

    id: int
    name: str
    owner_id: int
    roles: list[FakeRole] = field(default_factory=list)
    channels: list[FakeChannel] = field(default_factory=list)
    members: list[FakeMember] = field(default_factory=list)

    def member(self, user_id: int) -> FakeMember | None:
        """Return the membership of a user, if any."""
        return next((m for m in self.members if m.user.id == user_id), None)

    def channel(self, channel_id: int) -> FakeChannel | None:
        """Return one of this guild's channels, if it exists."""
        return next((c for c in self.channels if c.id == channel_id), None)

    def permissions_in(self, channel: FakeChannel, user_id: int) -> int:
        """Compute a member's permissions in a channel the way Discord does."""
        member = self.member(user_id)
        if member is None:
            return 0
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        base = 0
        for role in self.roles:
            if role.id == self.id or role.id in member.role_ids:
                base |= role.permissions
        if base & ADMINISTRATOR:
            return ALL_PERMISSIONS
        for overwrite in channel.overwrites:
            if overwrite.target_type == 0 and overwrite.target_id == self.id:
                base = (base & ~overwrite.deny) | overwrite.allow
        role_allow = role_deny = 0
        for overwrite in channel.overwrites:
            if overwrite.target_type == 0 and overwrite.target_id in member.role_ids:
                role_allow |= overwrite.allow
                role_deny |= overwrite.deny
        base = (base & ~role_deny) | role_allow
        for overwrite in channel.overwrites:
            if overwrite.target_type == 1 and overwrite.target_id == user_id:
                base = (base & ~overwrite.deny) | overwrite.allow
        return base

    def payload(self) -> JsonObject:
        """Return the GUILD_CREATE payload for this guild."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [role.payload() for role in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "safety_alerts_channel_id": None,
            "joined_at": snowflake_time(self.id),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [member.payload() for member in self.members],
            "channels": [channel.payload() for channel in self.channels],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass(slots=True)
class FakeAttachment:
    """A file the bot uploaded with a message."""

    id: int
    filename: str
    content_type: str | None
    data: bytes

    def payload(self) -> JsonObject:
        """Return the attachment object Discord sends back."""
        url = f"https://cdn.discordapp.invalid/attachments/{self.id}/{self.filename}"
        attachment: JsonObject = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url,
        }
        if self.content_type is not None:
            attachment["content_type"] = self.content_type
        return attachment


@dataclass(slots=True)
class RecordedMessage:
    """A message as a user would finally see it, after every edit."""

    id: int
    channel_id: int
    guild_id: int | None
    author: FakeUser
    content: str = ""
    embeds: list[JsonObject] = field(default_factory=list)
    components: list[JsonObject] = field(default_factory=list)
    attachments: list[FakeAttachment] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: JsonObject | None = None
    interaction_id: int | None = None
    webhook_id: int | None = None
    edit_count: int = 0
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        """Whether only the invoking user can see the message."""
        return bool(self.flags & EPHEMERAL_FLAG)

    @property
    def loading(self) -> bool:
        """Whether the message is still a deferred 'thinking…' placeholder."""
        return bool(self.flags & LOADING_FLAG)

    @property
    def custom_ids(self) -> list[str]:
        """The custom_id of every interactive component, in display order."""
        found: list[str] = []
        stack = list(reversed(self.components))
        while stack:
            component = stack.pop()
            custom_id = component.get("custom_id")
            if isinstance(custom_id, str):
                found.append(custom_id)
            stack.extend(reversed(component.get("components", [])))
        return found

    def visible_text(self) -> str:
        """Everything a reader sees as text: content, then each embed's text parts."""
        parts = [self.content]
        for embed in self.embeds:
            parts.append(str(embed.get("author", {}).get("name", "")))
            parts.append(str(embed.get("title", "")))
            parts.append(str(embed.get("description", "")))
            for embed_field in embed.get("fields", []):
                parts.extend((str(embed_field.get("name", "")), str(embed_field.get("value", ""))))
            parts.append(str(embed.get("footer", {}).get("text", "")))
        return "\n".join(part for part in parts if part)

    def payload(self) -> JsonObject:
        """Return the message object Discord sends back."""
        message: JsonObject = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": snowflake_time(self.id),
            "edited_timestamp": snowflake_time(self.id) if self.edit_count else None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [attachment.payload() for attachment in self.attachments],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": 0 if self.interaction_id is None else 20,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            message["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            message["webhook_id"] = str(self.webhook_id)
            message["application_id"] = str(self.webhook_id)
        return message
