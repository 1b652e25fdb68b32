"""Sign-in with the district's account: Google, Microsoft Entra ID, Clever, ClassLink and any
OpenID Connect provider, through django-allauth, by each district's own settings.

A sign-in, step by step:

1. /login/ asks for the work email; its domain (SignInDomain) picks the district. A district
   also has its own address, /login/<slug>/, which shows only the buttons it turned on.
2. A button posts to /login/<slug>/<kind>/ (views.provider_begin): the district goes into
   the session and allauth sends the browser to the provider with a state and a PKCE
   challenge. allauth builds its app from the district's SignInProvider row, decrypting the
   client secret only then (adapter.list_apps, providers.social_app, crypto).
3. The provider sends the browser back to a redirect URI (callbacks.py). allauth checks the
   state and exchanges the code; we also check the ID token's signature and issuer
   (callbacks.Strict*). Any failure ends on a page that explains (refusals.py).
4. adapter.pre_social_login matches an existing, active person of that district on the
   address the provider vouches for, inside the district's domains (policy.person_for), or
   refuses: no account is ever created. A person links another address only after
   re-entering their password (views.linked_accounts).
5. Django's login; the session lasts as long as the district says (signals.py).

Passwords go through the same rules (backends.PersonBackend): refused where the district
requires its own account (superusers keep theirs), and a person the roster turned off is
signed out at their next request. The district admin sets it all at /sign-in/settings/,
and every change goes to the audit log (services.py).
"""
