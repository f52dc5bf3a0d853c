using System.Security.Cryptography;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// Tree heads and proofs built from the roots of complete blocks of 256 leaves and a few blocks read whole equal the ones
/// built from every leaf, for sizes and indexes on and around the block edges; after the first tree only the blocks
/// added since, the proven leaf's block and the incomplete last block are read.
/// </summary>
public sealed class LogBlockRootsTests
{
    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, 3_000).Select(_ => RandomNumberGenerator.GetBytes(32))];

    public static TheoryData<long> Sizes => [1, 2, 255, 256, 257, 511, 512, 513, 767, 1_024, 1_025, 2_049, 3_000];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Tree_heads_and_inclusion_proofs_equal_those_from_every_leaf(long size)
    {
        var blocks = new LogBlockRoots();
        var all = Leaves.Take((int)size).ToArray();
        foreach (var index in new long[] { 0, 1, 127, 254, 255, 256, 257, 511, 512, size / 2, size - 2, size - 1 }.Where(i => i >= 0 && i < size).Distinct())
        {
            var tree = await blocks.TreeAsync(new Reader().ReadAsync, size, [index / LogBlockRoots.BlockSize], CancellationToken.None);

            tree.Root().Should().Equal(MerkleTree.Root(all), $"the head of {size} leaves");
            MerkleTree.InclusionProof(tree.Root, index, size).Should().BeEquivalentTo(MerkleTree.InclusionProof(all, index, size), o => o.WithStrictOrdering(),
                $"the proof of leaf {index} of {size}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Consistency_proofs_equal_those_from_every_leaf(long size)
    {
        var blocks = new LogBlockRoots();
        var all = Leaves.Take((int)size).ToArray();
        foreach (var old in new long[] { 1, 2, 255, 256, 257, 300, 512, 513, size - 1, size }.Where(m => m >= 1 && m <= size).Distinct())
        {
            var tree = await blocks.TreeAsync(new Reader().ReadAsync, size, [(old - 1) / LogBlockRoots.BlockSize, old / LogBlockRoots.BlockSize], CancellationToken.None);

            tree.Root(0, old).Should().Equal(MerkleTree.Root(all, 0, (int)old));
            MerkleTree.ConsistencyProof(tree.Root, old, size).Should().BeEquivalentTo(MerkleTree.ConsistencyProof(all, old, size), o => o.WithStrictOrdering(),
                $"the proof from {old} to {size}");
        }
    }

    [Fact]
    public async Task After_the_first_tree_only_new_blocks_the_proven_block_and_the_last_one_are_read()
    {
        var blocks = new LogBlockRoots();
        var first = new Reader();
        await blocks.TreeAsync(first.ReadAsync, 2_049, [], CancellationToken.None);
        first.Read.Should().Be(2_049, "the first tree reads every leaf once: eight blocks for their roots, then the last, incomplete one");

        var second = new Reader();
        var tree = await blocks.TreeAsync(second.ReadAsync, 2_900, [3], CancellationToken.None);

        second.Read.Should().Be(768 + 256 + 84, "the three blocks completed since, the proven leaf's block and the 84 leaves after the last complete block");
        MerkleTree.InclusionProof(tree.Root, 800, 2_900).Should().BeEquivalentTo(MerkleTree.InclusionProof(Leaves, 800, 2_900), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_log_shorter_than_asked_is_refused_by_name_and_forgotten_blocks_are_read_again()
    {
        var blocks = new LogBlockRoots();
        var act = () => blocks.TreeAsync(new Reader(limit: 600).ReadAsync, 1_000, [], CancellationToken.None);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*holds 600 leaves, fewer than the 1000 asked for*");

        await blocks.TreeAsync(new Reader().ReadAsync, 1_000, [], CancellationToken.None);
        await blocks.KeepAsync(2, CancellationToken.None);
        var some = new Reader();
        await blocks.TreeAsync(some.ReadAsync, 1_000, [], CancellationToken.None);
        some.Read.Should().Be(1_000 - 512, "the roots of the first two blocks were kept");
        await blocks.KeepAsync(0, CancellationToken.None);
        var again = new Reader();
        await blocks.TreeAsync(again.ReadAsync, 1_000, [], CancellationToken.None);
        again.Read.Should().Be(1_000);
    }

    [Fact]
    public async Task A_range_in_a_block_that_was_not_read_is_an_internal_error_not_a_wrong_hash()
    {
        var tree = await new LogBlockRoots().TreeAsync(new Reader().ReadAsync, 1_000, [], CancellationToken.None);

        var act = () => tree.Root(10, 5);

        act.Should().Throw<InvalidOperationException>().WithMessage("Block 0 of the consent log was not read*");
    }

    private sealed class Reader(int limit = int.MaxValue)
    {
        public long Read { get; private set; }

        public Task<IReadOnlyList<byte[]>> ReadAsync(long from, int count, CancellationToken cancellationToken)
        {
            var leaves = Leaves.Skip((int)from).Take((int)Math.Max(0, Math.Min(count, limit - from))).ToArray();
            Read += leaves.Length;
            return Task.FromResult<IReadOnlyList<byte[]>>(leaves);
        }
    }
}
