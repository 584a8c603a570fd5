"""National cooperation protocols (article 51 HPST): the national catalogue
kept by staff, structures' declarations and their monthly activity, and the
financing computed from them."""
