// The etcd binary is etcdmain behind a one-line main; its own root module cannot be built from the
// module proxy because it replaces its sibling modules with local paths.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
