# 3 MiB through stdin with values planted across the 1 MiB window boundaries: the summary
# counts each exactly once (the output is not kept: it would be 3 MiB of golden file).
import sys
line = b'lorem ipsum dolor sit amet, consectetur adipiscing elit\n'
out = bytearray()
for boundary in (1 << 20, 2 << 20, 3 << 20):
    while len(out) < boundary - 10:
        out += line
    out = out[: boundary - 10]
    out += b' AKIAQ3EGRHTQZLWYXV7N jane@acme.io\n'
out += b'last line jane@acme.io'
sys.stdout.buffer.write(bytes(out))
