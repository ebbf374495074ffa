"""The timetable grid: rooms as columns, time as rows, sessions moved by drag or keyboard."""
