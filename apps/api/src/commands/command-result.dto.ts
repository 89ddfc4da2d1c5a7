import { ApiProperty } from '@nestjs/swagger';

class AppendedEventDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'RequestSubmitted' }) type!: string;
}

export class CommandResultDto {
  @ApiProperty({ example: 'case-0192f0c4-6d1e-7c3a-9e55-2f1d8b7a6c01' }) streamId!: string;
  @ApiProperty({ description: 'Stream version after the command (number of events in the stream)' }) version!: number;
  @ApiProperty({ description: 'Global position of the last event appended' }) position!: number;
  @ApiProperty({ type: [AppendedEventDto] }) events!: AppendedEventDto[];
}
