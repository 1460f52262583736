"""One export in a fresh process, for bench/run.py: `export.py xlsx` builds the staff
export of every application (write-only XLSX, then encrypted, as the admin does);
`export.py csv` writes the same rows, through the same queryset and columns, with
Python's csv module. Prints one JSON line: rows, seconds, bytes, peak memory (MB)."""

import csv
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind):
    import django

    django.setup()
    from applications import exports
    from applications.models import Application
    from vvf import secure_export
    from vvf.xlsx import safe_text

    queryset = Application.objects.order_by("pk")
    start_mb = peak_mb()
    started = time.perf_counter()
    if kind == "xlsx":
        plain = exports.applications_workbook(queryset)
        content = secure_export.encrypt_xlsx(plain, secure_export.new_password())
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        columns = exports.BASE_COLUMNS
        writer.writerow([title for title, _getter in columns])
        for application in queryset.prefetch_related("forums").iterator(chunk_size=2000):
            writer.writerow([safe_text(getter(application)) for _title, getter in columns])
        content = out.getvalue().encode()
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "rows": queryset.count(),
                "seconds": seconds,
                "bytes": len(content),
                "peak_mb": peak_mb(),
                "start_mb": start_mb,
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    main(sys.argv[1])
