package bench

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/mem"
)

// Terraform's plugin handshake: the magic cookie every provider checks before serving.
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  6,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

// getProviderSchema is the protocol 6 RPC Terraform sends first to a new provider process.
const getProviderSchema = "/tfplugin6.Provider/GetProviderSchema"

// Startup measures, runs times, how long the provider binary takes from exec to answering
// GetProviderSchema, the way Terraform starts it (go-plugin handshake, gRPC). It returns the
// times sorted and the size of the schema answer.
func Startup(provider string, runs int) ([]time.Duration, int, error) {
	var times []time.Duration
	size := 0
	for range runs {
		d, n, err := startOnce(provider)
		if err != nil {
			return nil, 0, err
		}
		times, size = append(times, d), n
	}
	slices.Sort(times)
	return times, size, nil
}

func startOnce(provider string) (time.Duration, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]plugin.PluginSet{6: {"provider": connPlugin{}}},
		Cmd:              exec.CommandContext(ctx, provider),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           hclog.New(&hclog.LoggerOptions{Output: io.Discard, Level: hclog.Off}),
		SyncStdout:       io.Discard,
		SyncStderr:       io.Discard,
	})
	defer client.Kill()
	proto, err := client.Client()
	if err != nil {
		return 0, 0, fmt.Errorf("starting %s: %w", provider, err)
	}
	raw, err := proto.Dispense("provider")
	if err != nil {
		return 0, 0, err
	}
	conn, ok := raw.(*grpc.ClientConn)
	if !ok {
		return 0, 0, fmt.Errorf("the plugin client is a %T, not a gRPC connection", raw)
	}
	req, resp := []byte{}, []byte{} // GetProviderSchema.Request has no fields: zero bytes
	if err := conn.Invoke(ctx, getProviderSchema, &req, &resp, grpc.ForceCodecV2(rawCodec{})); err != nil {
		return 0, 0, fmt.Errorf("GetProviderSchema: %w", err)
	}
	return time.Since(start), len(resp), nil
}

// connPlugin hands out the plugin's gRPC connection itself.
type connPlugin struct{ plugin.NetRPCUnsupportedPlugin }

func (connPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return fmt.Errorf("the benchmark only runs the client side")
}

func (connPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return conn, nil
}

// rawCodec passes protobuf bytes through unchanged, so the benchmark needs no generated stubs.
type rawCodec struct{}

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	b, ok := v.(*[]byte)
	if !ok {
		return nil, fmt.Errorf("rawCodec marshals *[]byte, not %T", v)
	}
	return mem.BufferSlice{mem.SliceBuffer(*b)}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	b, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawCodec unmarshals into *[]byte, not %T", v)
	}
	*b = data.Materialize()
	return nil
}

func (rawCodec) Name() string { return "proto" }
