"""Agency copy in IPTC ninjs, in and out.

`reader` reads files, folders and standard input; `dialects` opens API
envelopes and brings each wire system's dialect to one shape; `schema` says
what the importer accepts; `mapping` turns a document into plain data;
`importer` is the service that writes it into articles; `media` fetches and
stores the pictures that come with it; `export` writes public language
versions out as ninjs 3.1.
"""
