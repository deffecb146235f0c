# 3 MiB through stdin with values planted across the 1 MiB window boundaries, so the streamed
# scan must neither lose, duplicate nor misplace them (line numbers are checked by the golden).
import sys
line = b"lorem ipsum dolor sit amet, consectetur adipiscing elit\n"  # 57 bytes
out = bytearray()
for boundary in (1 << 20, 2 << 20, 3 << 20):
    while len(out) < boundary - 10:
        out += line
    out = out[: boundary - 10]
    out += b" AKIAQ3EGRHTQZLWYXV7N \n"
out += b"last line jane@acme.io"
sys.stdout.buffer.write(bytes(out))
