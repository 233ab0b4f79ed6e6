"""An independent reading of a raw message (Python's email package, not our code): the headers
decoded, the text and HTML bodies, and each attachment's name, type and bytes (base64). Reads the
message from stdin, prints JSON."""
import base64
import json
import sys
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser

raw = sys.stdin.buffer.read()
message = BytesParser(policy=policy.default).parsebytes(raw)
# Header values through decode_header: the default policy's address parser puts a space between
# adjacent encoded words that a fold separated, which RFC 2047 section 6.2 says to ignore.
raw_headers = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
headers = {name.lower(): str(make_header(decode_header(raw_headers[name]))) for name in set(raw_headers.keys())}
text = message.get_body(preferencelist=('plain',))
html = message.get_body(preferencelist=('html',))
attachments = []
for part in message.walk():
    if part.is_multipart() or part in (text, html):
        continue
    attachments.append({
        'filename': part.get_filename(),
        'type': part.get_content_type(),
        'disposition': part.get_content_disposition(),
        'cid': part['Content-ID'],
        'base64': base64.b64encode(part.get_payload(decode=True) or b'').decode(),
    })
json.dump({
    'headers': headers,
    'text': text.get_content() if text else None,
    'html': html.get_content() if html else None,
    'attachments': attachments,
}, sys.stdout, ensure_ascii=False)
