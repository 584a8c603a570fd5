"""Sign-in with Pro Santé Connect (PSC), the health professionals' national
login operated by the Agence du numérique en santé.

An allauth provider (`provider.py`, OpenID Connect code flow with PKCE S256,
nonce, `acr_values`), offered beside e-mail and password only when
`PSC_CLIENT_ID` and its secret are set (`conf.py`). The social-account
adapter (`adapter.py`) turns the verified identity into the portal's account
(names, RPPS, profession: `identity.py`), never merging an existing account
silently; `session.py` records how the session was opened and the `acr`
received, which the access gate reads for the second factor, and gives
PSC's logout URL; `views.py` holds the linking and unlinking pages.
"""
