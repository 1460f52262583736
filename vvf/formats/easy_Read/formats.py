# Easy Read is British English: the same dates and numbers.
from vvf.formats.en_GB.formats import *  # noqa: F403
