import sys
text = 'Grüße von jane.doe@example-corp.com — key AKIAQ3EGRHTQZLWYXV7N\r\n'
sys.stdout.buffer.write(b'\xff\xfe' + text.encode('utf-16-le'))
