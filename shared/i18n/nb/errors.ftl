# API problem titles and details (shared/src/http/problem.rs) and field-error messages
# (shared/src/domain/validation.rs).
problem-not-found-title = Ikke funnet
