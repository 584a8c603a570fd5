"""The coordination tools of the structures' teams, three apps that never
import each other: `coordination` (the protocols a team writes, and the
network library), `cooperation` (the national cooperation protocols declared,
followed and financed) and `rcp` (the RCP meetings, their minutes and
decisions)."""
