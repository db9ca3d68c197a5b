"""Two-factor sign-in: a TOTP authenticator app (django-otp) and single-use recovery codes, kept only as hashes.

Whether an account must use it is `two_factor_required`: every account when FRONTDOOR_TWO_FACTOR is "required"
(always so in production); otherwise only the accounts that have set it up.
"""

from __future__ import annotations

import enum
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access.models import RecoveryCode, User
from frontdoor.access.services import hash_token

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
# 16 characters from 30 that are hard to confuse (no 0/O, 1/I/L, U): about 78 bits, so a plain hash is safe to keep.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
RECOVERY_LENGTH = 16
TOTP_CODE = re.compile(r"^[0-9]{6}$")


def two_factor_required(user: User) -> bool:
    return settings.FRONTDOOR_TWO_FACTOR == "required" or has_two_factor(user)


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def find_enrolment(user: User) -> TOTPDevice | None:
    """The user's authenticator app that is being set up (not yet confirmed with a code), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


def start_enrolment(user: User) -> TOTPDevice:
    """A new secret for the user's authenticator app, unconfirmed until they enter a code from it."""
    with transaction.atomic():
        existing = find_enrolment(user)
        if existing is not None:
            return existing
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    log.info("access.two_factor_enrolment_started user=%s device=%s", user.pk, device.pk)
    return device


def setup_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, drawn here (no outside service sees the secret)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=False, svgclass="fd-qr")
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-label" ', 1)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32 (what an authenticator app asks for), in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Confirm the app being set up with a code from it; on success, its recovery codes (shown once), else None."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None or not TOTP_CODE.match(code.strip()) or not device.verify_token(code.strip()):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()  # one authenticator app at a time
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _issue_recovery_codes(user)
    log.info("access.two_factor_enrolled user=%s device=%s", user.pk, device.pk)
    return codes


def reset_two_factor(user: User, by_user_id: int | None) -> None:
    """Remove the user's authenticator app and recovery codes (an administrator's action, for a lost phone): they
    set two-factor sign-in up again at their next sign-in if it is required."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    log.info("access.two_factor_reset user=%s by=%s", user.pk, by_user_id)


def issue_recovery_codes(user: User) -> list[str]:
    """New recovery codes for the user; the old ones stop working. Returned once: only their hashes are kept."""
    with transaction.atomic():
        codes = _issue_recovery_codes(user)
    log.info("access.recovery_codes_issued user=%s", user.pk)
    return codes


def _issue_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=hash_token(code)) for code in codes)
    return ["-".join(code[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4)) for code in codes]


def _new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))


def _normalise_recovery_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def count_unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


class Verdict(enum.Enum):
    ACCEPTED = "accepted"
    RECOVERY_CODE_USED = "recovery_code_used"
    WRONG = "wrong"
    WAIT = "wait"


@dataclass(frozen=True)
class SecondFactor:
    verdict: Verdict
    wait_until: datetime | None = None


def verify_second_factor(user: User, code: str) -> SecondFactor:
    """Check a code from the user's authenticator app, or one of their recovery codes (which is then used up).

    Wrong codes of either kind slow the next try (django-otp's throttle on the app: 1, 2, 4 ... seconds).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return SecondFactor(Verdict.WRONG)
        allowed, why = device.verify_is_allowed()
        if not allowed:
            return SecondFactor(Verdict.WAIT, (why or {}).get("locked_until"))
        code = code.strip()
        if TOTP_CODE.match(code):
            accepted = device.verify_token(code)  # counts a wrong code itself
            verdict = Verdict.ACCEPTED if accepted else Verdict.WRONG
        else:
            normalised = _normalise_recovery_code(code)
            used = 0
            if len(normalised) == RECOVERY_LENGTH:
                used = RecoveryCode.objects.filter(
                    user=user, code_hash=hash_token(normalised), used_at__isnull=True
                ).update(used_at=timezone.now())
            if used:
                device.throttle_reset()
                verdict = Verdict.RECOVERY_CODE_USED
            else:
                device.throttle_increment()
                verdict = Verdict.WRONG
    log.info("access.second_factor user=%s outcome=%s", user.pk, verdict.value)
    return SecondFactor(verdict)
