"""RCP meetings (réunions de concertation pluriprofessionnelle): agenda,
pseudonymous cases, minutes, decisions followed up, calendar invitations."""
