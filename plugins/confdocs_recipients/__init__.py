"""confdocs plugins: the documents made for each recipient, from invitations to the room.

Each module here is a plugin of its own, found through its entry point as every built-in is:

- ``letters`` (:mod:`.letters`): the invitation letters, in Word and PDF, a page per invited
  country and per organisation allocation, on a letterhead you can replace;
- ``participant-list`` (:mod:`.participants`): the list of participants, in Word and HTML,
  only those who agreed named;
- ``sign-in`` (:mod:`.signin`): an attendance sheet per day, in Word and PDF;
- ``badges`` (:mod:`.badges`): name badges, eight to an A4 page with cutting marks (PDF), and
  as CSV for badge printers;
- ``certificates`` (:mod:`.certificates`): a certificate of attendance per participant who
  attended, in their language, in Word and PDF.

All but the letters are made from the registrations (``build --registrations``). The formats
made per recipient write one file with a page each, or one file per recipient with
``build --each``. Every command imports these modules (entry-point discovery), so they import
nothing heavy: the renderers (:mod:`.word`, :mod:`.pdf`, :mod:`.page`, :mod:`.sheet`) are
imported when a document is made.
"""

__version__ = "0.1.0"
