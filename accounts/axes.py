def username(request, credentials):
    """The account a sign-in attempt is for, for django-axes: the same whether it reads
    the credentials (from the backend) or the form (from the request), so that failures
    and the lockout check count the same thing. Lower case, as emails are compared."""
    if credentials and credentials.get("username"):
        value = credentials["username"]
    else:
        value = request.POST.get("auth-username", "") if request is not None else ""
    return value.strip().lower()
