"""Verifies a webhook radgate sent, with the Standard Webhooks reference library, as a receiver would.

usage: verify_webhook.py SECRET HEADERS_JSON BODY_FILE   -> prints "ok" (exit 1 with the reason otherwise)
"""
import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main():
    secret, headers_path, body_path = sys.argv[1:4]
    with open(headers_path, encoding="utf-8") as f:
        headers = json.load(f)
    with open(body_path, "rb") as f:
        body = f.read()
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError as e:
        print("not verified: %s" % e)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
