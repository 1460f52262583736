from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Pages may hold personal data (answers, a status page, anything signed in): no
    browser or proxy keeps a copy, so the back button on a shared device shows nothing.
    Static files are served before this by whitenoise, with their own long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
