"""A cache of rendered public pages for anonymous visitors, shared by every app server.

Most of a campus's traffic is people reading the same public pages and calendar apps polling
the same feeds. Those answers are stored (Redis with ``EVENTAPP_REDIS_URL``, else each process's
memory) and served without entering Flask until a commit changes what public pages show or
``EVENTAPP_PAGE_CACHE_SECONDS`` pass (default 60; 0 turns the cache off); registrations move
the numbers of places shown within ``EVENTAPP_PAGE_CACHE_COUNTS_SECONDS`` (default 5).
Logged-in people, POSTs and private pages (a participant's own page and agenda) are never
cached.
"""
